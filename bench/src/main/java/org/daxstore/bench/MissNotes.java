package org.daxstore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * Why each target can be missed and what would close it, kept beside the code in
 * {@code misses.properties} (keys {@code <ratio name>.why} and {@code <ratio name>.close}) so
 * that every report explains every miss it shows. The notes are written from profiles of this
 * suite; a test checks that every target has both.
 */
final class MissNotes {
    private static final String RESOURCE = "misses.properties";

    private final Properties notes = new Properties();

    private MissNotes() {
    }

    static MissNotes load() {
        MissNotes loaded = new MissNotes();
        try (InputStream in = MissNotes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the benchmark jar");
            }
            loaded.notes.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    /** Why the ratio misses its target, or null if nobody has written it down. */
    String why(String ratio) {
        return notes.getProperty(ratio + ".why");
    }

    /** What would close the gap, or null. */
    String close(String ratio) {
        return notes.getProperty(ratio + ".close");
    }

    Set<String> keys() {
        return notes.stringPropertyNames();
    }
}
