package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
    @Test
    void suffixesArePowersOf1024() {
        assertEquals(4096, SizeConverter.parse("4096"));
        assertEquals(64 << 10, SizeConverter.parse("64k"));
        assertEquals(64 << 20, SizeConverter.parse("64M"));
        assertEquals(1L << 30, SizeConverter.parse("1g"));
        assertEquals(2L << 40, SizeConverter.parse(" 2t "));
    }

    @Test
    void nonsenseIsRefusedWithTheInput() {
        for (String bad : new String[] {"", "k", "12x", "-1", "1.5g", "99999999999999t"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> SizeConverter.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
