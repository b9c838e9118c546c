/**
 * The Lucene benchmark ({@code scripts/lucene-bench.sh}): one generated corpus indexed into a
 * {@link org.daxstore.lucene.DaxDirectory}, an {@code MMapDirectory} on tmpfs and a
 * {@code ByteBuffersDirectory} in one run, then the same queries on each, with and without
 * deletes of files running beside them. A main class, not a test: surefire does not run it.
 */
package org.daxstore.lucene.bench;
