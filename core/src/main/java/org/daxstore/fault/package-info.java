/**
 * The fault path of views, in one place: how a view turns a file offset into a container
 * address, why such a translation never outlives the block it names, and the access protocol
 * that every access of a view follows. The fault's side of the seed's race (a fault that maps a
 * block while a truncate or punch frees it) is all here; the remover's side is
 * {@code fs.Volume.removeBlocks}, which shoots down the removed pages in every view registered
 * with the file ({@code fs.MappedViews}).
 *
 * <ul>
 *   <li>{@link ViewAccess}: the protocol (enter a section, hit or fault, access, leave) for every
 *       load, store, atomic, copy and persist of a view and the opening of a scope;
 *       {@code DaxMapping} and {@code AccessScope} are facades over it.</li>
 *   <li>{@link Translator}: one view's translations and its faults; its header gives the
 *       safety argument of hits (which read no file-wide state), of faults (which read the
 *       seqtex) and of installs (checked under the table's monitor).</li>
 *   <li>{@link TranslationTable}: the lazily built three-level table (8 bytes a touched page,
 *       folded to one word for a leaf of adjacent blocks).</li>
 *   <li>{@link FaultHook}: lets a test hold a fault between its look-up and its install.</li>
 * </ul>
 *
 * <p>Depends on {@code fs} (the file's node, block map and views; Volume, which allocates),
 * {@code sync} (Seqtex, AccessSections), {@code media}, {@code format} and the exceptions of
 * {@code org.daxstore}. Used only by {@code org.daxstore} (and the jcstress tests, which drive
 * {@link TranslationTable} directly).
 *
 * <p>Before touching it: every access runs inside an access section; a hit reads nothing but
 * the view's table; a fault takes a stable seqtex sequence before it looks anything up and
 * installs only under the table's monitor if that sequence still holds; a removal shoots down
 * before its grace period. docs/FAULT-PATH.md gives the protocol and the tests that catch a
 * violation.
 */
package org.daxstore.fault;
