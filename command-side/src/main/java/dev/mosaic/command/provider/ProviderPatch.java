package dev.mosaic.command.provider;

import dev.mosaic.command.api.ModelInput;
import java.util.List;

/** The body of {@code PATCH /api/providers/{id}}: only the fields present change. */
record ProviderPatch(String displayName, String type, String baseUrl, String apiType, List<ModelInput> models,
                            Boolean active) {
}
