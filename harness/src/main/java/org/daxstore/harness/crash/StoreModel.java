package org.daxstore.harness.crash;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One state of the store as the crash oracle sees it: the files by name, each with its size
 * and the bytes known to be durable ({@link FileImage}). Immutable; the operations of
 * {@link Operation} map one state to the next.
 */
final class StoreModel {
    private static final StoreModel EMPTY = new StoreModel(new TreeMap<>());

    private final NavigableMap<String, FileImage> files;

    private StoreModel(TreeMap<String, FileImage> files) {
        this.files = Collections.unmodifiableNavigableMap(files);
    }

    /** A freshly formatted store. */
    static StoreModel empty() {
        return EMPTY;
    }

    NavigableMap<String, FileImage> files() {
        return files;
    }

    boolean exists(String name) {
        return files.containsKey(name);
    }

    FileImage file(String name) {
        FileImage file = files.get(name);
        if (file == null) {
            throw new IllegalStateException("the model has no file '" + name + "'");
        }
        return file;
    }

    StoreModel with(String name, FileImage file) {
        TreeMap<String, FileImage> copy = new TreeMap<>(files);
        copy.put(name, file);
        return new StoreModel(copy);
    }

    StoreModel changed(String name, UnaryOperator<FileImage> change) {
        return with(name, change.apply(file(name)));
    }

    StoreModel without(String name) {
        TreeMap<String, FileImage> copy = new TreeMap<>(files);
        copy.remove(name);
        return new StoreModel(copy);
    }

    /** The state after running {@code ops} from this one. */
    StoreModel applyAll(java.util.List<Operation> ops) {
        StoreModel model = this;
        for (Operation op : ops) {
            model = op.applyTo(model);
        }
        return model;
    }

    /** True if both states have the same names with the same sizes. */
    boolean sameNamesAndSizes(Map<String, Long> observed) {
        if (!observed.keySet().equals(files.keySet())) {
            return false;
        }
        for (Map.Entry<String, FileImage> entry : files.entrySet()) {
            if (observed.get(entry.getKey()) != entry.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    /** Names and sizes, for reports: {@code {a=18000, b=700}}. */
    String describe() {
        StringBuilder text = new StringBuilder("{");
        files.forEach((name, file) -> text.append(text.length() > 1 ? ", " : "").append(name).append('=').append(file.size()));
        return text.append('}').toString();
    }
}
