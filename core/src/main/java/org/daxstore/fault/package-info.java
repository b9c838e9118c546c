/**
 * The fault path of views, in one place: how a view turns a file offset into a container address,
 * and why such a translation never outlives the block it names. The fault's side of the seed's
 * race (a fault that maps a block while a truncate or punch frees it) is all here; the remover's
 * side is {@code fs.Volume.removeBlocks}.
 *
 * <p>{@link Translator} is one view's translation cache (the "TLB": a block address and a seqtex
 * tag per page) and the faults that fill it: a load from a hole reads the shared zero page and
 * caches nothing, a store to a hole allocates a zeroed block once, and a fault that finds the
 * sequence moved installs nothing. {@link FaultHook} lets a test hold a fault between its lookup
 * and its install.
 *
 * <p>Depends on {@code fs} (the file's node and block map; Volume, which allocates), {@code sync}
 * (Seqtex, AccessSections), {@code media}, {@code format} and the exceptions of
 * {@code org.daxstore}. Used only by {@code org.daxstore}: DaxFile makes a translator per view,
 * DaxMapping and AccessScope access through it. No package below the public API knows views.
 *
 * <p>Before touching it: every access runs inside an access section opened by
 * {@link Translator#begin}, which also refuses a closed view or store or a deleted file from
 * inside that section; a fault checks the sequence again before it installs; a hit does no lock,
 * no read-modify-write and no allocation. docs/FAULT-PATH.md gives the protocol and the tests that
 * catch a violation; Translator's header and the headers in {@code sync} the memory-ordering
 * argument.
 *
 * <p>Known: {@link Translator#hookForTesting} is a static, JVM-wide hook (issue 13 makes test
 * hooks per store), and a view's translation arrays are allocated whole when it is made (issue 12
 * reworks the fault path: lazy translation, a shootdown of only the removed range).
 */
package org.daxstore.fault;
