package org.daxstore.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What one operation of a benchmark is, for the report's units: a score of {@code ops/us} says
 * nothing until an op is named. On a benchmark method or its class (the method's wins). A
 * throughput benchmark must carry it ({@code ReportUnitsTest} checks the suite); for the others the
 * report falls back to "a call" (or "1/N of a call" with {@code @OperationsPerInvocation(N)}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface Operation {
    /** One operation in words: {@code "a byte copied"}, {@code "a 4 KiB random read"}. */
    String value();

    /** True if an operation is one byte: a throughput is then a bandwidth, and the report shows it in MB/s. */
    boolean isByte() default false;
}
