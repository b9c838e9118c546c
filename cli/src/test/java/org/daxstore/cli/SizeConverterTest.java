package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
    @Test
    void suffixesArePowersOf1024() {
        assertEquals(0, SizeConverter.parse("0"));
        assertEquals(4096, SizeConverter.parse("4096"));
        assertEquals(64 << 10, SizeConverter.parse("64k"));
        assertEquals(64 << 20, SizeConverter.parse("64M"));
        assertEquals(1L << 30, SizeConverter.parse("1g"));
        assertEquals(2L << 40, SizeConverter.parse(" 2T "));
        assertEquals(8388607L << 40, SizeConverter.parse("8388607t"));
    }

    @Test
    void nonsenseIsRefusedWithTheInput() {
        for (String bad : new String[] {"", "k", "12x", "-1", "1.5g", "1 g", "0x10", "99999999999999999999"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> SizeConverter.parse(bad), bad);
            assertEquals("'" + bad + "' is not a size (a number with an optional k, m, g or t)", e.getMessage());
        }
    }

    @Test
    void overflowIsRefusedAsTooLarge() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> SizeConverter.parse("8388608t"));
        assertTrue(e.getMessage().startsWith("'8388608t' is too large"), e.getMessage());
    }

    @Test
    void intSizesStopBelow2g() {
        assertEquals(2 << 20, new SizeConverter.Int().convert("2m"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> new SizeConverter.Int().convert("2g"));
        assertTrue(e.getMessage().startsWith("'2g' is too large"), e.getMessage());
    }
}
