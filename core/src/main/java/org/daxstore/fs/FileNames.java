package org.daxstore.fs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.daxstore.InvalidNameException;
import org.daxstore.format.InodeFormat;

/**
 * The format's rules for a file name (FORMAT.md, "Inode"): 1 to {@value InodeFormat#NAME_MAX}
 * bytes of UTF-8, no NUL, no '/'. Every operation that takes a name checks it here first, the
 * look-ups included, so a name the store could never hold is refused the same way everywhere.
 *
 * <p>A Java string is UTF-16 and can hold what UTF-8 cannot encode: a surrogate without its
 * partner. {@link String#getBytes} silently replaces one with '?', which once stored
 * {@code "bad\uD800name"} as {@code bad?name}; a second file created as {@code bad?name} then
 * gave two inodes one name, and the next open refused the whole store. Names are therefore
 * encoded by an encoder that reports malformed input, and the report says where.
 */
public final class FileNames {
    /** Longest quoted name in a message, in chars: enough to recognise it, short enough to read. */
    private static final int QUOTE_MAX = 64;

    private FileNames() {
    }

    /**
     * Checks {@code name} against the format's rules and returns its UTF-8 bytes.
     *
     * @throws InvalidNameException saying what is wrong and at which index of the name
     */
    public static byte[] encode(String name) {
        if (name == null) {
            throw new InvalidNameException("a file name must not be null");
        }
        if (name.isEmpty()) {
            throw new InvalidNameException("a file name must not be empty");
        }
        int nul = name.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidNameException("file name " + quote(name) + " has a NUL at index " + nul);
        }
        int slash = name.indexOf('/');
        if (slash >= 0) {
            throw new InvalidNameException("file name " + quote(name) + " has a '/' at index " + slash
                    + " (the namespace is flat)");
        }
        return encodeUtf8(name);
    }

    /**
     * The UTF-8 bytes of a name, through a reporting encoder and a buffer of fixed size, so that
     * even a name of a billion chars costs no more than a pass over it.
     */
    private static byte[] encodeUtf8(String name) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(name);
        ByteBuffer out = ByteBuffer.allocate(InodeFormat.NAME_MAX + 1);
        long total = 0;
        int firstPastLimit = -1;
        while (true) {
            int from = in.position();
            CoderResult result = encoder.encode(in, out, true);
            if (result.isError()) {
                throw new InvalidNameException("file name " + quote(name) + " has " + describeSurrogate(name, in.position())
                        + ": a name must be valid Unicode, every surrogate paired, to be stored as UTF-8");
            }
            if (result.isUnderflow() && total == 0 && out.position() <= InodeFormat.NAME_MAX) {
                return Arrays.copyOf(out.array(), out.position());
            }
            if (firstPastLimit < 0 && total + out.position() > InodeFormat.NAME_MAX) {
                firstPastLimit = firstCharPastLimit(name, from, InodeFormat.NAME_MAX - total);
            }
            total += out.position();
            out.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        throw new InvalidNameException("file name " + quote(name) + " is " + total + " UTF-8 bytes, longer than the "
                + InodeFormat.NAME_MAX + " a name may hold: the character at index " + firstPastLimit
                + " is the first past the limit");
    }

    /** The index of the first char of {@code name}, from {@code from}, whose UTF-8 bytes pass {@code room} bytes. */
    private static int firstCharPastLimit(String name, int from, long room) {
        long used = 0;
        for (int i = from; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            used += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used > room) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return name.length();
    }

    private static String describeSurrogate(String name, int index) {
        char c = name.charAt(index);
        String code = String.format("U+%04X", (int) c);
        return Character.isHighSurrogate(c)
                ? "a high surrogate " + code + " at index " + index + " that no low surrogate follows"
                : "a low surrogate " + code + " at index " + index + " that follows no high surrogate";
    }

    /**
     * True for a character that would not print as itself, so that whoever shows a name escapes
     * it: a control character (C0, DEL, C1: a newline, a terminal's escape sequence), a format
     * character (a bidirectional override reorders the rest of the line, a zero-width mark
     * hides), and the line and paragraph separators. The tool's {@code ls} and the messages
     * escape the same set.
     */
    public static boolean printsAsSomethingElse(char c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == '\u2028' || c == '\u2029';
    }

    /**
     * A name as a message shows it: in single quotes, with the characters that would not print
     * as themselves ({@link #printsAsSomethingElse}) and unpaired surrogates escaped as
     * {@code \}{@code uXXXX} (so the message prints as it is, one line, in order), cut after
     * {@value #QUOTE_MAX} chars.
     */
    public static String quote(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder(Math.min(name.length(), QUOTE_MAX) + 8).append('\'');
        int i = 0;
        while (i < name.length() && i < QUOTE_MAX) {
            char c = name.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1));
            if (pair) {
                text.append(c).append(name.charAt(i + 1));
                i += 2;
            } else {
                if (printsAsSomethingElse(c) || Character.isSurrogate(c)) {
                    text.append(String.format("\\u%04X", (int) c));
                } else {
                    text.append(c);
                }
                i++;
            }
        }
        text.append('\'');
        if (i < name.length()) {
            text.append("... (").append(name.length()).append(" chars)");
        }
        return text.toString();
    }
}
