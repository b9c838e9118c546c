/**
 * The store's JFR events ({@code jdk.jfr}, in every JDK daxstore runs on), for tuning and
 * diagnosis: a fault of a view ({@link FaultEvent}, with its retries), a removal of blocks with
 * its grace period, the blocks it freed and the storage it returned ({@link RemovalEvent}), a
 * journal commit ({@link JournalCommitEvent}), a persist with its cache lines and flush calls
 * ({@link PersistEvent}), a store's open with its check time ({@link StoreOpenEvent}) and an
 * access that parked behind a removal ({@link AccessWaitEvent}). All are in the category
 * "daxstore" and named {@code org.daxstore.*}. A removal, an access wait and an open are rare and
 * recorded by any recording; a fault, a persist and a commit can come by the million, so they are
 * off until a recording enables them, and carry no stack trace (README, "JFR events").
 *
 * <p>Only slow paths make an event, never a view's hit. Until JFR has been started in the JVM no
 * event object is made at all ({@link Recorder}); after that, JFR's settings decide what is
 * committed. The package depends on nothing of the store: the callers hand each event its
 * fields as values.
 */
package org.daxstore.events;
