package dev.mosaic.server.changerequest;

import dev.mosaic.query.api.ChangeRequestView;
import io.swagger.v3.oas.models.OpenAPI;
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

/**
 * Documents {@code ?propose=true} on the writes four-eyes governs: the parameter and its 201 answer (the change
 * request), which the gate in front of the controllers writes and springdoc cannot see.
 */
public final class ProposeApiDocs {
    private ProposeApiDocs() {
    }

    public static void document(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getComponents() == null) {
            return;
        }
        SpecVersion version = openApi.getSpecVersion() == null ? SpecVersion.V31 : openApi.getSpecVersion();
        Schema<?> request = SpringDocAnnotationsUtils.extractSchema(openApi.getComponents(), ChangeRequestView.class,
                null, null, version);
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (method == PathItem.HttpMethod.GET || !GovernedWrites.covers(method.name(), path)) {
                return;
            }
            operation.addParametersItem(new QueryParameter().name(ChangePolicyGate.PROPOSE).required(false)
                    .description("true: while four-eyes is on, validate the write and store it as a change request "
                            + "(answered 201) instead of applying it")
                    .schema(new BooleanSchema()));
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            ApiResponse created = operation.getResponses().computeIfAbsent("201", code -> new ApiResponse().description("Created"));
            MediaType existing = created.getContent() == null || created.getContent().isEmpty() ? null
                    : created.getContent().values().iterator().next();
            Schema<?> body = existing == null || existing.getSchema() == null ? request
                    : new Schema<>().oneOf(java.util.List.of(existing.getSchema(), request));
            created.setContent(new Content().addMediaType("*/*", new MediaType().schema(body)));
        }));
    }
}
