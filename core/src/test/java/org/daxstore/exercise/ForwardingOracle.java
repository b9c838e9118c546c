package org.daxstore.exercise;

import java.util.List;

/** An oracle that hands every call to another: tests override one call to break it. */
class ForwardingOracle implements Oracle {
    private final Oracle delegate;

    ForwardingOracle(Oracle delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<String> names() {
        return delegate.names();
    }

    @Override
    public long size(String name) {
        return delegate.size(name);
    }

    @Override
    public int read(String name, long position, byte[] dst, int length) {
        return delegate.read(name, position, dst, length);
    }

    @Override
    public void mappedRead(String name, long position, byte[] dst, int length) {
        delegate.mappedRead(name, position, dst, length);
    }

    @Override
    public void create(String name) {
        delegate.create(name);
    }

    @Override
    public void delete(String name) {
        delegate.delete(name);
    }

    @Override
    public void rename(String from, String to) {
        delegate.rename(from, to);
    }

    @Override
    public void write(String name, long position, byte[] src, int length) {
        delegate.write(name, position, src, length);
    }

    @Override
    public void mappedWrite(String name, long position, byte[] src, int length) {
        delegate.mappedWrite(name, position, src, length);
    }

    @Override
    public void truncate(String name, long size) {
        delegate.truncate(name, size);
    }

    @Override
    public void punch(String name, long offset, long length) {
        delegate.punch(name, offset, length);
    }

    @Override
    public void allocate(String name, long offset, long length) {
        delegate.allocate(name, offset, length);
    }

    @Override
    public void zeroRange(String name, long offset, long length) {
        delegate.zeroRange(name, offset, length);
    }

    @Override
    public void persist(String name, long offset, long length) {
        delegate.persist(name, offset, length);
    }

    @Override
    public void force(String name) {
        delegate.force(name);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
