package org.daxstore.format;

import java.util.zip.CRC32C;

/** CRC32C, the checksum of every self-checking structure on media (hardware-accelerated by the JDK). */
public final class Checksums {
    private Checksums() {
    }

    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
