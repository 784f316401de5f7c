package dev.mosaic.server.fleetfile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;

import java.util.Arrays;
import java.util.List;

/**
 * The JSON Schema of {@link FleetDocument}, generated from the records themselves (victools), with
 * {@code additionalProperties: false} on every mapping of known keys so that editors flag a typo as the API does.
 */
public final class FleetSchema {
    private static final ObjectNode SCHEMA = generate();

    private FleetSchema() {
    }

    public static ObjectNode schema() {
        return SCHEMA.deepCopy();
    }

    private static ObjectNode generate() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.NONSTATIC_NONVOID_NONGETTER_METHODS, Option.STATIC_METHODS, Option.VOID_METHODS);
        config.forFields()
                .withIgnoreCheck(field -> field.isStatic())
                .withRequiredCheck(field -> annotation(field) != null && annotation(field).required())
                .withNullableCheck(field -> annotation(field) == null || !annotation(field).required())
                .withDescriptionResolver(field -> annotation(field) == null ? null : annotation(field).value())
                .withEnumResolver(field -> annotation(field) == null || annotation(field).oneOf().length == 0 ? null
                        : List.copyOf(Arrays.asList(annotation(field).oneOf())));
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(FleetDocument.class);
        schema.put("$id", "mosaic/v1/fleet.schema.json");
        schema.put("title", "Mosaic fleet document");
        schema.put("description", "The whole fleet as one document: GET /api/fleet writes it, PUT /api/fleet "
                + "reads it. A collection key that is absent is not managed.");
        return schema;
    }

    private static FleetField annotation(FieldScope field) {
        return field.getAnnotationConsideringFieldAndGetter(FleetField.class);
    }
}
