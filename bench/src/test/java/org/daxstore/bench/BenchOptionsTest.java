package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/** bench.sh passes JMH's options through: they win over the mode's defaults, which fill in only what they leave unset. */
class BenchOptionsTest {
    private static final List<String> FLAGS = List.of("-Ddaxstore.bench.dir=/dev/shm");
    private static final Path JSON = Path.of("/tmp/r/jmh.json");

    private static Options build(String mode, String... args) throws CommandLineOptionException {
        return BenchOptions.build(mode, new CommandLineOptions(args), FLAGS, JSON);
    }

    @Test
    void withoutARegexTheWholeSuiteRuns() throws CommandLineOptionException {
        Options options = build("full");
        assertEquals(BenchMain.suite().size(), options.getIncludes().size());
        assertEquals(2, options.getForkCount().get(), "a full run forks twice");
        assertEquals(JSON.toString(), options.getResult().get());
    }

    @Test
    void aRegexAndJmhsOptionsOverrideTheModesDefaults() throws CommandLineOptionException {
        Options options = build("quick", "FaultPath", "-p", "span=32768", "-t", "2", "-f", "3", "-wi", "1", "-i", "5",
                "-jvmArgsAppend", "-Dx=1");
        assertEquals(List.of("FaultPath"), options.getIncludes(), "the regex replaces the suite");
        assertEquals(List.of("32768"), List.copyOf(options.getParameter("span").get()));
        assertEquals(2, options.getThreads().get());
        assertEquals(3, options.getForkCount().get());
        assertEquals(1, options.getWarmupIterations().get());
        assertEquals(5, options.getMeasurementIterations().get());
        assertEquals(TimeValue.milliseconds(400), options.getMeasurementTime().get(), "what -r leaves unset is quick's");
        List<String> jvm = List.copyOf(options.getJvmArgsAppend().get());
        assertTrue(jvm.containsAll(List.of("-Ddaxstore.bench.dir=/dev/shm", "-Dx=1")),
                "both the flags and the given ones: " + jvm);
    }

    @Test
    void smokeShrinksTheContainersUnlessTold() throws CommandLineOptionException {
        Options smoke = build("smoke");
        assertEquals(List.of("64m"), List.copyOf(smoke.getParameter("capacity").get()));
        assertTrue(smoke.shouldFailOnError().get());
        assertEquals(1, smoke.getMeasurementIterations().get());
        Options told = build("smoke", "-p", "capacity=1g", "-foe", "false");
        assertEquals(List.of("1g"), List.copyOf(told.getParameter("capacity").get()));
        assertFalse(told.shouldFailOnError().get());
    }

    @Test
    void theSelectionIsWhatTheRegexesPickAndIsDescribed() throws CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions("FaultPath", "-e", "scoped");
        RowSelection selection = BenchOptions.selection(given);
        assertTrue(selection.selects("FaultPathBench", "viewLoad"));
        assertFalse(selection.selects("FaultPathBench", "scopedLoad"));
        assertFalse(selection.selects("SeqtexBench", "seqtexRead"));
        assertEquals("benchmark regex `FaultPath`; excluded `scoped`", BenchOptions.selectionText(given));
        assertEquals("", BenchOptions.selectionText(new CommandLineOptions()));
        assertTrue(new RowSelection(List.of("ContentionBench.punching"), List.of()).selects("ContentionBench", "accessor"),
                "a group's method is selected by its group's name, as JMH does");
    }

    @Test
    void anUnknownModeOrOptionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> build("fast"));
        assertThrows(CommandLineOptionException.class, () -> new CommandLineOptions("-f", "two"));
    }
}
