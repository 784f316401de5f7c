package dev.mosaic.command.rules;

import dev.mosaic.command.agent.AgentRules;
import dev.mosaic.command.breakglass.PasswordPolicy;
import dev.mosaic.command.api.Violations;
import dev.mosaic.command.installation.Installation;
import dev.mosaic.events.provider.ApiType;
import dev.mosaic.events.provider.ProviderType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;

/** Serves the rules from the classes that enforce them, so the UI never keeps its own copy. */
@RestController
class RulesController {
    private static final Rules RULES = new Rules(
            new Rules.PatternRule(Violations.NAME.pattern(), Violations.NAME_MESSAGE),
            Violations.DISPLAY_NAME_MAX,
            new Rules.PasswordRule(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES),
            new Rules.PatternRule(Installation.CLAIM.pattern(), Installation.CLAIM_MESSAGE),
            new Rules.PatternRule(AgentRules.TOOL.pattern(), AgentRules.TOOL_MESSAGE),
            Arrays.stream(ProviderType.values()).map(t -> new Rules.ProviderTypeRule(t.wireName(),
                    t.defaultBaseUrl(), t.defaultApiType().wireName())).toList(),
            Arrays.stream(ApiType.values()).map(ApiType::wireName).toList());

    @GetMapping("/api/rules")
    Rules rules() {
        return RULES;
    }
}
