package dev.mosaic.query.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a property hidden from API answers ({@code @JsonIgnore}, a secret's ciphertext or hash): the views' JSON
 * columns and the history snapshots keep it all the same (see {@code JsonColumns}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface KeptInStore {
}
