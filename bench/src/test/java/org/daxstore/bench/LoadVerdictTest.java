package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A run is judged by its load per core, the core count read from the machine. */
class LoadVerdictTest {
    @Test
    void aRunAboveOneAndAHalfTasksPerCoreIsUnreliable() {
        LoadVerdict busy = new LoadVerdict(LoadAverage.parse("8.02 6.10 4.00 3/456 789"), LoadAverage.parse("12.9 9 5 1/2 3"), 2);
        assertTrue(busy.unreliable());
        assertEquals(12.9, busy.judged(), 1e-9, "the higher of before and after");
        assertTrue(busy.text().startsWith("UNRELIABLE: the load average (12.90) was above 1.5 per core, 3.0 on 2 cores"),
                busy.text());
        LoadVerdict quiet = new LoadVerdict(LoadAverage.parse("1.2 1 1"), LoadAverage.parse("2.9 1 1"), 2);
        assertFalse(quiet.unreliable());
        assertTrue(quiet.text().startsWith("The load average (2.90) was within 1.5 per core"), quiet.text());
        assertTrue(new LoadVerdict(LoadAverage.parse("2.9 1 1"), LoadAverage.parse("2.9 1 1"), 1).unreliable(),
                "the same load on one core is too much");
    }

    @Test
    void aLoadNobodyCouldReadIsNotJudged() {
        LoadVerdict unknown = new LoadVerdict(LoadAverage.UNKNOWN, LoadAverage.UNKNOWN, 2);
        assertFalse(unknown.unreliable());
        assertTrue(unknown.text().startsWith("The load average could not be read"));
        assertEquals(5, new LoadVerdict(LoadAverage.UNKNOWN, LoadAverage.parse("5 1 1"), 2).judged(), 1e-9);
    }

    @Test
    void theCoresAreCountedFromTheKernelsCpuList() {
        assertEquals(2, LoadVerdict.countCpus("0-1\n"));
        assertEquals(5, LoadVerdict.countCpus("0-3,6"));
        assertEquals(1, LoadVerdict.countCpus("0"));
        assertTrue(LoadVerdict.onlineCpus() >= 1);
    }
}
