package dev.mosaic.query.fleet;

import dev.mosaic.events.provider.ProviderActivated;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDeactivated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.api.ProviderView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mosaic.query.testing.VisibleCipher.sealed;
import static org.assertj.core.api.Assertions.assertThat;

class ProviderReducerTest {
    private static final List<ProviderModel> MODELS = List.of(new ProviderModel("gpt-4o", "GPT-4o", 128000, null));
    private static final Provider OPENAI = ProviderReducer.apply(null, new ProviderRegistered("p1", "openai", "OpenAI",
            "openai", null, null, sealed("sk-1"), MODELS), 0);

    @Test
    void registeredProviderIsActiveWithItsKeyAndModels() {
        assertThat(OPENAI).isEqualTo(new Provider("p1", "openai", "OpenAI", "openai", null, null, sealed("sk-1"),
                MODELS, true, 0));
    }

    @Test
    void theTypesDefaultsApplyWhereNothingIsSet() {
        assertThat(OPENAI.effectiveBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(OPENAI.effectiveApiType()).isEqualTo("openai-completions");
        Provider custom = ProviderReducer.apply(OPENAI, new ProviderDetailsChanged("p1", "Mine", "custom",
                "http://llm:8000/v1", "openai-responses"), 1);
        assertThat(custom.effectiveBaseUrl()).isEqualTo("http://llm:8000/v1");
        assertThat(custom.effectiveApiType()).isEqualTo("openai-responses");
        assertThat(ProviderView.of(custom)).isEqualTo(new ProviderView("p1", "openai", "Mine", "custom",
                "http://llm:8000/v1", "http://llm:8000/v1", "openai-responses", true, MODELS, true, 1));
    }

    @Test
    void eachChangeTouchesOnlyItsFieldsAndTheVersion() {
        assertThat(ProviderReducer.apply(OPENAI, new ProviderApiKeyRotated("p1", null), 1))
                .isEqualTo(OPENAI.withApiKey(null).withVersion(1));
        List<ProviderModel> more = List.of(MODELS.get(0), new ProviderModel("o3", "o3", null, 4096));
        assertThat(ProviderReducer.apply(OPENAI, new ProviderModelsChanged("p1", more), 2))
                .isEqualTo(OPENAI.withModels(more).withVersion(2));
        Provider off = ProviderReducer.apply(OPENAI, new ProviderDeactivated("p1"), 3);
        assertThat(off.active()).isFalse();
        assertThat(ProviderReducer.apply(off, new ProviderActivated("p1"), 4)).isEqualTo(OPENAI.withVersion(4));
    }

    @Test
    void removedProviderIsGone() {
        assertThat(ProviderReducer.apply(OPENAI, new ProviderRemoved("p1", "openai"), 1)).isNull();
        assertThat(ProviderReducer.apply(null, new ProviderActivated("p1"), 1)).isNull();
    }
}
