package dev.mosaic.command.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.api.FieldViolation;
import dev.mosaic.command.api.InvalidCommandException;
import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

import java.util.List;
import java.util.function.Consumer;

/** Hamcrest bridges so that fixture expectations can be written as AssertJ assertions. */
public final class FixtureMatchers {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private FixtureMatchers() {
    }

    /** An exception of {@code type} for which {@code assertions} pass. */
    public static <E extends Throwable> Matcher<Object> exceptionSatisfying(Class<E> type, Consumer<E> assertions) {
        return new Satisfying<>(type, assertions, "a " + type.getSimpleName());
        // note: the fixture describes the expectation before matching, so for exceptions the failed
        // assertion is not part of the message; the stack trace of the actual exception is.
    }

    /** An {@link InvalidCommandException} naming {@code field} among its violations. */
    public static Matcher<Object> invalid(String field) {
        return new Satisfying<>(InvalidCommandException.class, e -> org.assertj.core.api.Assertions
                .assertThat(e.violations()).extracting(FieldViolation::field).contains(field),
                "an InvalidCommandException with a violation of field '" + field + "'");
    }

    /** The payloads of the published events, in order, for which {@code assertions} pass. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Matcher<List<EventMessage<?>>> payloadsSatisfying(Consumer<List<Object>> assertions) {
        Consumer<List> onMessages = messages -> assertions.accept(
                ((List<EventMessage<?>>) messages).stream().map(m -> (Object) m.getPayload()).toList());
        return (Matcher) new Satisfying<>(List.class, onMessages, "event payloads");
    }

    /** The events as the JSON they would be stored as, to search for leaked secrets. */
    public static String asJson(List<Object> payloads) {
        try {
            return JSON.writeValueAsString(payloads);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Satisfying<T> extends BaseMatcher<Object> {
        private final Class<T> type;
        private final Consumer<T> assertions;
        private final String what;
        private String failure = "";

        Satisfying(Class<T> type, Consumer<T> assertions, String what) {
            this.type = type;
            this.assertions = assertions;
            this.what = what;
        }

        @Override
        public boolean matches(Object actual) {
            if (!type.isInstance(actual)) {
                failure = "was " + actual;
                return false;
            }
            try {
                assertions.accept(type.cast(actual));
                return true;
            } catch (AssertionError e) {
                failure = e.getMessage();
                return false;
            }
        }

        @Override
        public void describeTo(Description description) {
            description.appendText(what + " satisfying the assertions; " + failure);
        }
    }
}
