package dev.mosaic.server.fleetfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mosaic.command.api.InvalidCommandException;
import org.yaml.snakeyaml.LoaderOptions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link FleetDocument} as YAML or JSON. Reading is strict: an unknown key, a duplicate key or a
 * value of the wrong type is an {@link InvalidCommandException} naming its dotted path
 * ({@code agents.support.modle}, {@code providers.openai.models[0].id}).
 */
public final class FleetFormat {
    public static final String YAML = "application/yaml";
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.+?)'");
    private static final ObjectMapper JSON_MAPPER = strict(JsonMapper.builder()).build()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML_MAPPER = strict(YAMLMapper.builder(yamlFactory()))
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    private FleetFormat() {
    }

    private static <B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?>> B strict(B builder) {
        builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        return builder;
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        options.setMaxAliasesForCollections(20);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    public static boolean isYaml(String mediaType) {
        return mediaType != null && (mediaType.contains("yaml") || mediaType.contains("yml"));
    }

    /** The document in {@code text}; YAML when {@code yaml}, else JSON (any JSON is also YAML, but errors read better). */
    public static FleetDocument read(String text, boolean yaml) {
        if (text == null || text.isBlank()) {
            throw InvalidCommandException.of("body", "must be a fleet document (apiVersion: mosaic/v1, kind: Fleet)");
        }
        try {
            FleetDocument document = (yaml ? YAML_MAPPER : JSON_MAPPER).readValue(text, FleetDocument.class);
            if (document == null) {
                throw InvalidCommandException.of("body", "must be a fleet document (apiVersion: mosaic/v1, kind: Fleet)");
            }
            return document;
        } catch (JsonMappingException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonProcessingException parse && !(cause instanceof JsonMappingException)) {
                    throw unreadable(parse, yaml);
                }
            }
            if (e.getPath().isEmpty()) {
                throw InvalidCommandException.of("body", "must be a " + (yaml ? "YAML" : "JSON") + " mapping");
            }
            String message = e instanceof UnrecognizedPropertyException ? "is not a known field"
                    : "has the wrong type or format";
            throw InvalidCommandException.of(path(e), message);
        } catch (JsonProcessingException e) {
            throw unreadable(e, yaml);
        }
    }

    /** A document that does not parse: a duplicate key (named by its path), or not well-formed at all. */
    private static InvalidCommandException unreadable(JsonProcessingException e, boolean yaml) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String field = duplicate.group(1);
            String parent = parentPath(e);
            return InvalidCommandException.of(parent.isEmpty() ? field : parent + "." + field,
                    "appears twice in one mapping");
        }
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return InvalidCommandException.of("body", "must be a well-formed " + (yaml ? "YAML" : "JSON")
                + " document" + where);
    }

    public static String yaml(Object value) {
        return write(YAML_MAPPER, value);
    }

    public static String json(Object value) {
        return write(JSON_MAPPER, value);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dotted path of a mapping failure: keys joined by dots, list positions as [i]. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Where the parser was when it found a duplicate key: the keys of the enclosing mappings. */
    private static String parentPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        java.util.Deque<String> names = new java.util.ArrayDeque<>();
        for (var context = parser.getParsingContext() == null ? null : parser.getParsingContext().getParent();
             context != null; context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                names.push(context.getCurrentName());
            } else if (context.inArray()) {
                names.push("[" + context.getCurrentIndex() + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String name : names) {
            if (!path.isEmpty() && !name.startsWith("[")) {
                path.append('.');
            }
            path.append(name);
        }
        return path.toString();
    }
}
