package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.daxstore.fs.FileNames;

/**
 * A file name as the tool prints it for people (ls): every character that would not print as
 * itself escaped, so one name is always one line and reads back unambiguously. A control
 * character (C0, DEL, C1), a format character (bidirectional overrides, zero-width marks) and the
 * line and paragraph separators become {@code \}{@code uXXXX}; a backslash becomes two, so
 * {@code \}{@code u000A} typed in a name shows as {@code \\u000A}, not as a newline's escape. A
 * name with none of them prints as it is. The library's messages quote names with the same set
 * escaped ({@code FileNames.quote}; they leave a backslash as it is, inside quotes).
 *
 * <p>Text the tool did not make (the library's messages and reports, which may hold a container's
 * path as the user typed it) prints through {@link #line}: the same characters escaped, a
 * backslash left alone, so a path with a newline or an escape sequence in it cannot split a line
 * or repaint the terminal.
 */
final class DisplayNames {
    private DisplayNames() {
    }

    static String escape(String name) {
        return escape(name, true);
    }

    /** One line of text for the terminal: every character that would not print as itself escaped. */
    static String line(String text) {
        return escape(text, false);
    }

    /**
     * Text of several lines (a campaign's summary, a failure report with its stack trace) printed
     * a line at a time, each escaped: its own line structure kept, nothing else let through.
     */
    static void printLines(PrintWriter out, String text) {
        text.lines().forEach(line -> out.println(line(line)));
    }

    /** A path as the tool prints it in its own lines: escaped as a name is. */
    static String path(Path path) {
        return escape(path.toString(), true);
    }

    private static String escape(String name, boolean backslash) {
        StringBuilder text = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean escaped = (backslash && c == '\\') || FileNames.printsAsSomethingElse(c);
            if (escaped && text == null) {
                text = new StringBuilder(name.length() + 16).append(name, 0, i);
            }
            if (text != null) {
                if (backslash && c == '\\') {
                    text.append("\\\\");
                } else if (escaped) {
                    text.append(String.format("\\u%04X", (int) c));
                } else {
                    text.append(c);
                }
            }
        }
        return text == null ? name : text.toString();
    }
}
