package org.daxstore.cli.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A run on a busy machine says so: above 1.5 runnable tasks a CPU, before or after. */
class LoadAverageTest {
    @Test
    void aBusyMachineIsNamedAndAQuietOneIsNot() {
        assertEquals(Optional.empty(), LoadAverage.busy(List.of(3.0, 9.0, 9.0), List.of(2.5, 9.0, 9.0), 2));
        assertEquals(Optional.empty(), LoadAverage.busy(List.of(), List.of(), 2));
        String note = LoadAverage.busy(List.of(1.0, 1.0, 1.0), List.of(3.5, 2.0, 1.0), 2).orElseThrow();
        assertTrue(note.startsWith("unreliable: a load average of 3.50 on 2 CPUs (above 1.5 a CPU)"), note);
        assertEquals("1.00 0.50 0.25", LoadAverage.text(List.of(1.0, 0.5, 0.25)));
        assertEquals("unknown", LoadAverage.text(List.of()));
    }
}
