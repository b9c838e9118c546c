/**
 * The public API of daxstore: a store of named files inside one container file, used through
 * positional copies and through direct mapped views. Applications need this package alone; every
 * other package of core is implementation and may change under them (the offline check and
 * repair, {@code check.Fsck}, are the tool's {@code daxstore fsck}).
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
 * harnesses. The internal packages depend on it for its exceptions only (they throw what users
 * catch); its options reach them as {@code fs.VolumeOptions}, built here, and its
 * {@link MediumChoice} as {@code media.MediumSelector.Choice}. So the only edges back into this
 * package end at exception classes, which depend on nothing internal: no cycle runs through it
 * (docs/DESIGN.md, "Modules and packages"; test/.../testing/Boundaries keeps it so).
 *
 * <p>No public signature names an internal type ({@code PublicApiNamesNoInternalTypeTest}):
 * {@link DaxStore#check()} returns this package's {@link CheckReport}. The one foreign type is
 * Chronicle's {@code BytesStore} from {@link AccessScope#bytesStore()}, kept where users meet
 * Chronicle. Test hooks (a medium decorator, the unsafe switches of the concurrency tests) are not
 * here: they are a store's own, given only through {@code fs.StoreHooks}.
 *
 * <p>Before changing anything here: once a store is closed or a file deleted, every method but
 * {@code close} and the fixed accessors throws, and each access checks that inside its access
 * section, never before it; on a thread with a scope open, no file or store operation runs. The
 * headers of DaxStore, DaxMapping and AccessScope give these rules; docs/FAULT-PATH.md why an
 * access through a view never touches a freed block; docs/TESTING.md the tests that fail when
 * either breaks.
 */
package org.daxstore;
