/**
 * The store's JFR events ({@code jdk.jfr}, in every JDK daxstore runs on), for tuning and
 * diagnosis: a fault of a view ({@link FaultEvent}), a removal of blocks with its grace period
 * ({@link RemovalEvent}), a journal commit ({@link JournalCommitEvent}), a persist of a view's
 * range ({@link PersistEvent}) and a store's open ({@link StoreOpenEvent}). All are in the
 * category "daxstore" and named {@code org.daxstore.*}. A removal and an open are rare and
 * recorded by any recording, with their stack traces; a fault, a persist and a commit can come by
 * the million, so they are off until a recording enables them, and carry no stack trace
 * (README, "JFR events").
 *
 * <p>Only slow paths make an event: a fault, a removal, a commit, an open and a persist, never a
 * view's hit. Each is made, begun and committed on one thread, in one method, so that with no
 * recording the JIT removes it whole (an event's {@code shouldCommit()} is false until a recording
 * enables it, and an object that never escapes is not allocated).
 */
package org.daxstore.events;
