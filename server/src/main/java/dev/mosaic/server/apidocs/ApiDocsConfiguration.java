package dev.mosaic.server.apidocs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import dev.mosaic.server.changerequest.ProposeApiDocs;
import dev.mosaic.server.dryrun.DryRunApiDocs;
import dev.mosaic.server.web.ProblemApiDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.lang.Nullable;

import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the OpenAPI description say what the JSON really is, so the UI's types generated from it are exact: Jackson
 * writes every component of a response record (default-property-inclusion: always), so each property of a schema
 * that a response uses is required, unless {@code @JsonInclude} leaves it out when empty; a component marked
 * {@code @Nullable}, or of a boxed type (records use primitives for values that are always there), may be null.
 * Request schemas stay as they are: the server validates those.
 */
@Configuration
class ApiDocsConfiguration {
    private static final String OMITTED_WHEN_EMPTY = "x-mosaic-omitted-when-empty";
    private static final Set<Class<?>> BOXED = Set.of(Boolean.class, Integer.class, Long.class, Double.class,
            Float.class, Short.class, Byte.class);

    @Bean
    PropertyCustomizer nullableAndOmittableProperties() {
        return (property, type) -> {
            boolean nullable = type.getType() instanceof JavaType javaType && BOXED.contains(javaType.getRawClass());
            Annotation[] annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
            for (Annotation annotation : annotations) {
                if (annotation instanceof Nullable) {
                    nullable = true;
                } else if (annotation instanceof JsonInclude include && include.value() != JsonInclude.Include.ALWAYS
                        && include.value() != JsonInclude.Include.USE_DEFAULTS) {
                    property.addExtension(OMITTED_WHEN_EMPTY, true);
                }
            }
            return nullable ? allowNull(property) : property;
        };
    }

    @Bean
    OpenApiCustomizer responsePropertiesRequired() {
        return openApi -> {
            DryRunApiDocs.document(openApi);
            ProposeApiDocs.document(openApi);
            ProblemApiDocs.document(openApi);
            Map<String, Schema> components = openApi.getComponents() == null ? Map.of()
                    : openApi.getComponents().getSchemas();
            if (components == null) {
                return;
            }
            for (String name : responseSchemaNames(openApi, components)) {
                Schema<?> schema = components.get(name);
                if (schema.getProperties() == null) {
                    continue;
                }
                List<String> required = new ArrayList<>();
                Map<String, Schema> properties = schema.getProperties();
                for (Map.Entry<String, Schema> property : properties.entrySet()) {
                    Map<String, Object> extensions = property.getValue().getExtensions();
                    if (extensions == null || !extensions.containsKey(OMITTED_WHEN_EMPTY)) {
                        required.add(property.getKey());
                    }
                }
                schema.setRequired(required);
            }
            for (Schema<?> schema : components.values()) {
                Map<String, Schema> properties = schema.getProperties();
                if (properties == null) {
                    continue;
                }
                for (Schema<?> property : properties.values()) {
                    if (property.getItems() != null) {
                        // a @Nullable list reaches its element schema too: the elements themselves are never null
                        noNull(property.getItems());
                    }
                    if (property.getExtensions() != null) {
                        property.getExtensions().remove(OMITTED_WHEN_EMPTY);
                        if (property.getExtensions().isEmpty()) {
                            property.setExtensions(null);
                        }
                    }
                }
            }
        };
    }

    /**
     * OpenAPI 3.1 (springdoc's default) says "may be null" with a second type; 3.0 with {@code nullable}. A
     * reference to another schema takes no type of its own: it becomes "that schema or null".
     */
    private static Schema<?> allowNull(Schema<?> property) {
        if (property.get$ref() != null) {
            Schema<?> orNull = new Schema<>().anyOf(List.of(property, new Schema<>().types(new HashSet<>(Set.of("null")))));
            if (property.getExtensions() != null) {
                orNull.setExtensions(property.getExtensions());
                property.setExtensions(null);
            }
            return orNull;
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
        } else if (property.getType() != null) {
            property.addType(property.getType());
            property.addType("null");
        }
        property.setNullable(true);
        return property;
    }

    private static void noNull(Schema<?> schema) {
        if (schema.getTypes() != null && schema.getTypes().remove("null") && schema.getTypes().isEmpty()) {
            schema.setTypes(null);
        }
        schema.setNullable(null);
    }

    /** The component schemas a response body uses, directly or through other schemas. */
    private static Set<String> responseSchemaNames(OpenAPI openApi, Map<String, Schema> components) {
        Deque<Schema<?>> pending = new ArrayDeque<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().stream()
                    .map(Operation::getResponses).filter(r -> r != null)
                    .flatMap(r -> r.values().stream())
                    .filter(r -> r.getContent() != null)
                    .flatMap(r -> r.getContent().values().stream())
                    .map(MediaType::getSchema).filter(s -> s != null)
                    .forEach(pending::add));
        }
        if (openApi.getComponents().getResponses() != null) {
            openApi.getComponents().getResponses().values().stream()
                    .filter(r -> r.getContent() != null)
                    .flatMap(r -> r.getContent().values().stream())
                    .map(MediaType::getSchema).filter(s -> s != null)
                    .forEach(pending::add);
        }
        Set<String> names = new HashSet<>();
        while (!pending.isEmpty()) {
            Schema<?> schema = pending.pop();
            String ref = schema.get$ref();
            if (ref != null) {
                String name = ref.substring(ref.lastIndexOf('/') + 1);
                if (names.add(name) && components.containsKey(name)) {
                    pending.add(components.get(name));
                }
                continue;
            }
            Map<String, Schema> properties = schema.getProperties();
            if (properties != null) {
                for (Schema<?> property : properties.values()) {
                    pending.add(property);
                }
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                pending.add(values);
            }
            for (List<Schema> group : List.of(nullToEmpty(schema.getAllOf()), nullToEmpty(schema.getOneOf()),
                    nullToEmpty(schema.getAnyOf()))) {
                for (Schema<?> member : group) {
                    pending.add(member);
                }
            }
        }
        names.retainAll(components.keySet());
        return names;
    }

    private static List<Schema> nullToEmpty(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }
}
