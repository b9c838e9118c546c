package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

/** Durations as fio writes them, and the ones refused. */
class DurationConverterTest {
    @Test
    void unitsAndBareSeconds() {
        assertEquals(Duration.ofSeconds(2), DurationConverter.parse("2s"));
        assertEquals(Duration.ofSeconds(2), DurationConverter.parse("2"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(1), DurationConverter.parse("1m"));
        assertEquals(Duration.ofHours(2), DurationConverter.parse("2H"));
        assertEquals(Duration.ofNanos(100_000), DurationConverter.parse("100us"));
        assertEquals(Duration.ofNanos(7), DurationConverter.parse("7ns"));
        assertEquals(Duration.ZERO, DurationConverter.parse("0"));
        assertEquals(Duration.ofDays(1), DurationConverter.parse("24h"));
    }

    @Test
    void refusals() {
        for (String text : new String[] {"", "s", "soon", "2x", "1..5s", "NaN"}) {
            assertEquals("'" + text + "' is not a duration (a number with ns, us, ms, s, m or h, e.g. 2s)",
                    assertThrows(TypeConversionException.class, () -> DurationConverter.parse(text)).getMessage());
        }
        for (String text : new String[] {"-1s", "25h", "1e30"}) {
            assertEquals("'" + text + "' is outside the accepted range, 0 to 1 day",
                    assertThrows(TypeConversionException.class, () -> DurationConverter.parse(text)).getMessage());
        }
    }
}
