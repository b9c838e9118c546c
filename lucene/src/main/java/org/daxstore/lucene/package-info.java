/**
 * A Lucene {@link org.apache.lucene.store.Directory} over one daxstore container:
 * {@link org.daxstore.lucene.DaxDirectory}. Every index file is a file of the container; inputs
 * read through read-only views of the store ({@link org.daxstore.DaxMapping}), so a read can
 * never touch another file's bytes or memory that is no longer mapped, whatever runs beside it
 * (a delete, a merge, a close). Only the public API of {@code org.daxstore} is used.
 */
package org.daxstore.lucene;
