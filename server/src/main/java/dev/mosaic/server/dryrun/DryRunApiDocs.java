package dev.mosaic.server.dryrun;

import dev.mosaic.query.api.ChangePreview;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Documents {@code ?dryRun=true} on the admin writes that offer it: the parameter, and its answer
 * ({@link ChangePreview.DryRunPreview}) as an alternative 200 body. The answer comes from an exception handler,
 * which springdoc does not see. The API docs configuration calls it first, so its schemas are treated as answers.
 */
public final class DryRunApiDocs {
    /** Under the dry-run prefixes but sending no command: a dry run changes nothing there. */
    private static final Set<String> NO_COMMAND = Set.of("/api/providers/test", "/api/providers/{id}/test");

    private DryRunApiDocs() {
    }

    public static void document(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        SpecVersion version = openApi.getSpecVersion() == null ? SpecVersion.V31 : openApi.getSpecVersion();
        Schema<?> preview = SpringDocAnnotationsUtils.extractSchema(openApi.getComponents(),
                ChangePreview.DryRunPreview.class, null, null, version);
        String name = preview.get$ref().substring(preview.get$ref().lastIndexOf('/') + 1);
        alwaysTrue(openApi.getComponents().getSchemas().get(name));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (DryRunConfiguration.WRITES.stream().anyMatch(path::startsWith) && !NO_COMMAND.contains(path)) {
                writes(item).forEach(operation -> document(operation, preview));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void alwaysTrue(Schema<?> preview) {
        ((Schema<Object>) preview.getProperties().get(DryRunConfiguration.DRY_RUN)).setEnum(List.of(Boolean.TRUE));
    }

    private static List<Operation> writes(PathItem item) {
        return item.readOperationsMap().entrySet().stream()
                .filter(e -> e.getKey() != PathItem.HttpMethod.GET && e.getKey() != PathItem.HttpMethod.HEAD)
                .map(Map.Entry::getValue).toList();
    }

    private static void document(Operation operation, Schema<?> preview) {
        if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> DryRunConfiguration.DRY_RUN.equals(p.getName()))) {
            return; // documented already
        }
        operation.addParametersItem(new QueryParameter().name(DryRunConfiguration.DRY_RUN).required(false)
                .description("true: check the write as usual but store nothing; the answer is then a DryRunPreview")
                .schema(new BooleanSchema()));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse ok = operation.getResponses().computeIfAbsent("200", code -> new ApiResponse().description("OK"));
        MediaType json = ok.getContent() == null || ok.getContent().isEmpty() ? null
                : ok.getContent().values().iterator().next();
        Schema<?> body = json == null || json.getSchema() == null ? preview
                : new Schema<>().oneOf(List.of(json.getSchema(), preview));
        ok.setContent(new Content().addMediaType("*/*", new MediaType().schema(body)));
    }
}
