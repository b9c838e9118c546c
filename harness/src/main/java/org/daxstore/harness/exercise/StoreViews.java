package org.daxstore.harness.exercise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import org.daxstore.AccessScope;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.MapMode;
import org.daxstore.PrimitiveAccess;

/**
 * The store's side of fsx's mapped operations. Each file gets one long-lived read-write view of
 * every offset a run reaches, made at its first mapped access and kept across truncates,
 * punches and renames, so that accesses check what an old view sees after them (docs/DESIGN.md
 * invariant 4); an access may instead go through a fresh view of exactly its range. An access is
 * a bulk copy, a run of primitive loads or stores (8, 4, 2 and 1 bytes wide, as the range
 * allows), or the same through an access scope: the three ways into the fault path.
 */
final class StoreViews implements AutoCloseable {
    /** How an access reaches the view. */
    enum Style { BULK, PRIMITIVE, SCOPE }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final long viewLength;
    private final Map<String, DaxMapping> views = new HashMap<>();

    /** @param viewLength the length of the long-lived views: past every offset the run reaches */
    StoreViews(long viewLength) {
        this.viewLength = viewLength;
    }

    /** Writes {@code src[0, length)} at file offset {@code position} through a view. */
    void write(String name, DaxFile file, boolean fresh, Style style, long position, byte[] src, int length) {
        access(name, file, fresh, style, position, src, length, true);
    }

    /** Reads {@code [position, position + length)} of the file through a view into {@code dst[0..]}. */
    void read(String name, DaxFile file, boolean fresh, Style style, long position, byte[] dst, int length) {
        access(name, file, fresh, style, position, dst, length, false);
    }

    /** Persists {@code [position, position + length)} through a view. */
    void persist(String name, DaxFile file, boolean fresh, long position, long length) {
        if (fresh) {
            try (DaxMapping view = file.map(position, length)) {
                view.persist(0, length);
            }
        } else {
            view(name, file).persist(position, length);
        }
    }

    /** The file was deleted: its view goes. */
    void forget(String name) {
        DaxMapping view = views.remove(name);
        if (view != null) {
            view.close();
        }
    }

    /** Views follow their file, not its name. */
    void renamed(String from, String to) {
        DaxMapping view = views.remove(from);
        if (view != null) {
            views.put(to, view);
        }
    }

    /** Before the store closes: every view would fail from then on. */
    @Override
    public void close() {
        for (DaxMapping view : views.values()) {
            view.close();
        }
        views.clear();
    }

    private void access(String name, DaxFile file, boolean fresh, Style style, long position, byte[] bytes,
                        int length, boolean storing) {
        DaxMapping view = fresh ? file.map(position, length) : view(name, file);
        long index = fresh ? 0 : position;
        try {
            switch (style) {
                case BULK -> {
                    if (storing) {
                        view.put(index, bytes, 0, length);
                    } else {
                        view.get(index, bytes, 0, length);
                    }
                }
                case PRIMITIVE -> primitives(view, index, bytes, length, storing);
                default -> {
                    try (AccessScope scope = view.scope(index, length, storing ? MapMode.READ_WRITE : MapMode.READ_ONLY)) {
                        primitives(scope, 0, bytes, length, storing);
                    }
                }
            }
        } finally {
            if (fresh) {
                view.close();
            }
        }
    }

    private DaxMapping view(String name, DaxFile file) {
        return views.computeIfAbsent(name, n -> file.map(0, viewLength));
    }

    /** The range as little-endian longs, then an int, a short and a byte as what is left allows. */
    private static void primitives(PrimitiveAccess access, long index, byte[] bytes, int length, boolean storing) {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (storing) {
                access.putLong(index + i, (long) LONGS.get(bytes, i));
            } else {
                LONGS.set(bytes, i, access.getLong(index + i));
            }
        }
        if (i + Integer.BYTES <= length) {
            if (storing) {
                access.putInt(index + i, (int) INTS.get(bytes, i));
            } else {
                INTS.set(bytes, i, access.getInt(index + i));
            }
            i += Integer.BYTES;
        }
        if (i + Short.BYTES <= length) {
            if (storing) {
                access.putShort(index + i, (short) SHORTS.get(bytes, i));
            } else {
                SHORTS.set(bytes, i, access.getShort(index + i));
            }
            i += Short.BYTES;
        }
        if (i < length) {
            if (storing) {
                access.putByte(index + i, bytes[i]);
            } else {
                bytes[i] = access.getByte(index + i);
            }
        }
    }
}
