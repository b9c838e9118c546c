/**
 * The public API of daxstore: a store of named files inside one container file, used through
 * positional copies and through direct mapped views. Applications need this package alone (and,
 * for an offline check, {@code check.Fsck}: see that package); every other package of core is
 * implementation and may change under them.
 *
 * <p>The API: {@link DaxStore} (open, format, the namespace), {@link DaxFile} (copies, truncate,
 * punch, allocate, force), {@link DaxMapping} (a view: loads, stores, bulk copies, persist), its
 * {@link AccessScope} (one access section for a hot loop) and {@link PersistBatch}, the shared
 * {@link PrimitiveAccess}; the values {@link StoreOptions}, {@link MediumChoice}, {@link MapMode},
 * {@link StoreInfo} and {@link FileStat}; and the errors, {@link DaxStoreException} with its
 * subclasses and {@link ReadOnlyViewException} (a {@code ReadOnlyBufferException}, so that code
 * catching the JDK's error keeps working). The classes check arguments and the lifecycle and hand
 * the work to {@code fs} (files, metadata), {@code fault} (a view's translation), {@code sync},
 * {@code media} and {@code check}. Only {@code BufferStaging} and {@code Arguments} are internal here.
 *
 * <p>Arguments: a null for any reference parameter of any public method throws
 * {@link NullPointerException} whose message names the parameter and the method
 * ("mode is null: DaxFile.map needs one"), before anything is done; other bad values throw
 * {@link IllegalArgumentException} or {@link IndexOutOfBoundsException} saying what and where,
 * and failures of the store the {@link DaxStoreException} subclasses, whose messages name the
 * container (and the file, where there is one).
 *
 * <p>Dependencies: it sits on every other package of core and is used by cli, bench and the
 * harnesses. It is not cleanly on top: the internal packages throw its exceptions, and {@code fs},
 * {@code media} and {@code check} read {@link StoreOptions} or {@link MediumChoice}, so all of
 * core but {@code sync} forms one package cycle with it (issue 13 breaks it).
 *
 * <p>Known gap (issue 13): four public signatures name internal types. {@link DaxStore#check()}
 * returns {@code check.CheckReport}; {@link StoreOptions#layout()} returns {@code format.Layout};
 * {@link StoreOptions#withMediumDecorator} takes, and {@link StoreOptions#mediumDecorator()}
 * returns, a {@code UnaryOperator} of {@code media.Medium} (the hook the crash harness records
 * flushes and fences through). Do not add more. {@link AccessScope#bytesStore()} names Chronicle's
 * {@code BytesStore}, a third-party type the design asks for, not an internal one.
 *
 * <p>Before changing anything here: once a store is closed or a file deleted, every method but
 * {@code close} and the fixed accessors throws, and each access checks that inside its access
 * section, never before it; on a thread with a scope open, no file or store operation runs. The
 * headers of DaxStore, DaxMapping and AccessScope give these rules; docs/FAULT-PATH.md why an
 * access through a view never touches a freed block; docs/TESTING.md the tests that fail when
 * either breaks.
 */
package org.daxstore;
