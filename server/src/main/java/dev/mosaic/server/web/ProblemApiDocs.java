package dev.mosaic.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;

import java.util.List;

/**
 * Documents that every error of every operation is an RFC 9457 problem document ({@link ProblemWriter} and
 * {@code ProblemHandler} build them as Spring's {@code ProblemDetail}, which leaves out what is empty).
 */
public final class ProblemApiDocs {
    static final String RESPONSE = "Problem";

    /** The problem document as it is written; {@code errors} on validation failures, {@code agents} where named. */
    record Problem(int status, @JsonInclude(JsonInclude.Include.NON_EMPTY) String type,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) String title,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) String detail,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) String instance,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> agents) {
    }

    record FieldError(String field, String message) {
    }

    private ProblemApiDocs() {
    }

    public static void document(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        SpecVersion version = openApi.getSpecVersion() == null ? SpecVersion.V31 : openApi.getSpecVersion();
        Schema<?> problem = SpringDocAnnotationsUtils.extractSchema(openApi.getComponents(), Problem.class, null, null,
                version);
        openApi.getComponents().addResponses(RESPONSE, new ApiResponse()
                .description("An RFC 9457 problem document, whatever the Accept header says")
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(problem))));
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                    operation.getResponses().addApiResponse("default",
                            new ApiResponse().$ref("#/components/responses/" + RESPONSE))));
        }
    }
}
