package org.daxstore.lucene;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.daxstore.DaxFile;
import org.daxstore.DaxFileExistsException;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.DaxStoreException;
import org.daxstore.MapMode;

/**
 * The files of a directory that inputs are reading, and the deletes deferred because of them.
 *
 * <p>A daxstore delete frees the file's blocks at once, and every view of it fails from then on
 * (never reading another file's bytes). Lucene deletes files that readers still have open (a
 * merge's inputs, once the merged segment is committed) and expects the open inputs to go on
 * reading them, as POSIX keeps an unlinked file. So a delete of a file with open inputs renames
 * it to a hidden name ({@value #HIDDEN_PREFIX}{@code <random>-<n>}, the random part this
 * table's own): the name is free at once (for
 * {@code listAll}, {@code fileLength}, {@code openInput} and a new file of that name), the views
 * follow the rename and keep reading, and the hidden file is deleted when the last input of it
 * closes. Hidden names never appear in {@code listAll}; hidden files left by a crash are deleted
 * when the next directory opens on the container ({@link #deleteLeftovers}).
 *
 * <p>All changes to names go through this table's lock, so that a delete cannot slip between an
 * input's open and its registration.
 */
final class OpenFiles {
    /** The prefix of the names of files deleted while open; no Lucene file name starts with a dot. */
    static final String HIDDEN_PREFIX = ".daxlucene-deleted-";

    /**
     * One file with open inputs: its name now (hidden once deleted: only {@link OpenFiles#hide} gives a
     * hidden name, since the directory opens, creates and renames to none) and how many inputs are open.
     */
    static final class Entry {
        private String name;
        private int inputs;

        private Entry(String name) {
            this.name = name;
        }
    }

    private final DaxStore store;
    private final Map<String, Entry> byName = new HashMap<>();
    /**
     * This table's own stem of hidden names, {@value #HIDDEN_PREFIX}{@code <random>-}: a directory
     * closed while inputs of its hidden files are open deletes each when the last closes, so a
     * later directory on the same store must never give one of its files the same hidden name
     * (the first one's late close would delete it under the second one's readers).
     */
    private final String hiddenStem = HIDDEN_PREFIX + Long.toHexString(new java.security.SecureRandom().nextLong()) + "-";
    private long hiddenSequence;

    OpenFiles(DaxStore store) {
        this.store = store;
    }

    /** Whether {@code name} is one this table gives files deleted while open. */
    static boolean isHidden(String name) {
        return name.startsWith(HIDDEN_PREFIX);
    }

    /**
     * Opens {@code name} for reading: a handle and a read-only view of its whole length,
     * registered so that a delete waits for its close.
     *
     * @throws DaxStoreException as {@link DaxStore#openFile} and {@link DaxFile#map}
     */
    synchronized SharedView open(String name) {
        DaxFile file = store.openFile(name);
        try {
            DaxMapping view = file.map(0, file.size(), MapMode.READ_ONLY);
            Entry entry = byName.computeIfAbsent(name, Entry::new);
            entry.inputs++;
            return new SharedView(this, entry, file, view);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Deletes {@code name}, or, if inputs read it, hides it until the last of them closes.
     *
     * @throws DaxStoreException as {@link DaxStore#delete} and {@link DaxStore#rename}
     */
    synchronized void delete(String name) {
        Entry entry = byName.get(name);
        if (entry == null) {
            store.delete(name);
            return;
        }
        String hidden = hide(name);
        byName.remove(name);
        entry.name = hidden;
    }

    /**
     * Renames {@code from} to {@code to} (which must be free); open inputs follow it.
     *
     * @throws DaxStoreException as {@link DaxStore#rename}
     */
    synchronized void rename(String from, String to) {
        store.rename(from, to);
        Entry entry = byName.remove(from);
        if (entry != null) {
            entry.name = to;
            byName.put(to, entry);
        }
    }

    /** An input of {@code entry} closed: deletes the file if it was deleted while open and this was its last input. */
    synchronized void release(Entry entry) {
        if (--entry.inputs > 0) {
            return;
        }
        if (!isHidden(entry.name)) { // not deleted
            byName.remove(entry.name, entry);
            return;
        }
        try {
            store.delete(entry.name);
        } catch (DaxStoreException e) {
            // the store is closed, or the delete failed: the next open of a directory deletes it
        }
    }

    /**
     * Deletes the hidden files a crash left (files deleted while open whose inputs never closed).
     *
     * @throws IOException if one cannot be deleted
     */
    synchronized void deleteLeftovers() throws IOException {
        List<String> names;
        try {
            names = store.list();
        } catch (DaxStoreException e) {
            throw StoreErrors.translate(e, "listing the files a crash may have left", store.path().toString());
        }
        for (String name : names) {
            if (isHidden(name)) {
                try {
                    store.delete(name);
                } catch (DaxStoreException e) {
                    throw StoreErrors.translate(e, "deleting the leftover of a file deleted while open", name);
                }
            }
        }
    }

    /** Renames {@code name} to a free hidden name, and returns that name. */
    private String hide(String name) {
        while (true) {
            String hidden = hiddenStem + hiddenSequence++;
            try {
                store.rename(name, hidden);
                return hidden;
            } catch (DaxFileExistsException e) {
                // a leftover of an earlier open with that number; try the next
            }
        }
    }
}
