package org.daxstore.harness.exercise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory oracle: a {@link FileModel} per name. It is written by the same team as the
 * store, so it shares the store's reading of every semantic; {@link KernelOracle} does not.
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
    public OracleFile file(String name) {
        FileModel model = files.get(name);
        if (model == null) {
            throw new IllegalStateException("the model has no file '" + name + "'");
        }
        return model;
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
    public void close() {
        files.clear();
    }
}
