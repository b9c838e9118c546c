package org.daxstore.exercise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory oracle: a {@link FileModel} per name. It is written by the same team as the
 * store, so it shares the store's reading of every semantic; {@link KernelOracle} does not.
 * A mapped access is a positional one here: the model has no mappings.
 */
final class ModelOracle implements Oracle {
    private final Map<String, FileModel> files = new HashMap<>();

    @Override
    public String name() {
        return "model";
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(files.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public long size(String name) {
        return file(name).size();
    }

    @Override
    public int read(String name, long position, byte[] dst, int length) {
        FileModel model = file(name);
        if (length == 0) {
            return 0;
        }
        long count = Math.min(length, model.size() - position);
        if (count <= 0) {
            return -1;
        }
        model.copy(position, dst, (int) count);
        return (int) count;
    }

    @Override
    public void mappedRead(String name, long position, byte[] dst, int length) {
        file(name).copy(position, dst, length);
    }

    @Override
    public void create(String name) {
        files.put(name, new FileModel());
    }

    @Override
    public void delete(String name) {
        files.remove(name);
    }

    @Override
    public void rename(String from, String to) {
        files.put(to, files.remove(from));
    }

    @Override
    public void write(String name, long position, byte[] src, int length) {
        file(name).write(position, src, length);
    }

    @Override
    public void mappedWrite(String name, long position, byte[] src, int length) {
        file(name).write(position, src, length);
    }

    @Override
    public void truncate(String name, long size) {
        file(name).truncate(size);
    }

    @Override
    public void punch(String name, long offset, long length) {
        file(name).punch(offset, length);
    }

    @Override
    public void allocate(String name, long offset, long length) {
        file(name).allocate(offset, length);
    }

    @Override
    public void zeroRange(String name, long offset, long length) {
        file(name).zeroRange(offset, length);
    }

    @Override
    public void persist(String name, long offset, long length) {
        file(name); // durability is invisible in memory; the file must exist
    }

    @Override
    public void force(String name) {
        file(name);
    }

    @Override
    public void close() {
        files.clear();
    }

    private FileModel file(String name) {
        FileModel model = files.get(name);
        if (model == null) {
            throw new IllegalStateException("the model has no file '" + name + "'");
        }
        return model;
    }
}
