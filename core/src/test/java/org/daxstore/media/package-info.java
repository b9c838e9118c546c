/**
 * Media for tests: {@code HeapMedium}, in process memory with no file, and {@code FailingMedium},
 * which wraps a real one and fails its flushes, installed per store through
 * {@link org.daxstore.fs.StoreHooks#withMediumDecorator}.
 */
package org.daxstore.media;
