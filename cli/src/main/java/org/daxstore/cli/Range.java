package org.daxstore.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric option or parameter accepts, both ends included, as decimal text (exact
 * for every {@code long} and {@code double}). Every numeric option of every command carries one
 * ({@code NumericOptionsTest} fails for one that does not), and {@link RangeCheck} refuses a value
 * outside it, NaN and the infinities included, before the command runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Range {
    String min();

    String max();
}
