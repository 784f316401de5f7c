package dev.mosaic.server.fleetfile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** What the schema says about a field of {@link FleetDocument}: its description, whether it is required, its values. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
public @interface FleetField {
    String value();

    boolean required() default false;

    String[] oneOf() default {};
}
