/**
 * Image fuzzing: a test harness of seeded damaged copies of valid containers, each checked,
 * opened, used, repaired and checked again, to show that no image, however damaged, gets past the
 * store's checks into a crash, a hang or silent damage. It ships in the core jar today only
 * because the harnesses have no module yet; issue 13 moves it into a module of its own.
 *
 * <p>{@link ImageFuzzer} runs the campaign and holds its oracle; {@code BaseImage} builds the
 * valid images (fresh, aged, crashed, 2 MiB blocks) and the ranges where damage is most telling;
 * {@code Mutator} damages one copy in one seeded way (bit flips, ranges, truncation, fields
 * changed under a resealed checksum); {@link FuzzResult} is the tally.
 *
 * <p>Depends on the public API, on {@code check} (Fsck and the reports), on {@code format} (to
 * find fields and reseal checksums) and on {@code fs}: BaseImage builds its bases through Volume,
 * Namespace and FileData, because it records each file's inode and blocks, which the public API
 * does not expose. It does not use {@code exercise}, its parent in name only. Used by cli
 * ({@code fuzz}, {@code crash-test}) and by core's tests.
 *
 * <p>Before touching it: an image's damage comes from the seed and its index alone, so
 * {@code daxstore fuzz --seed S --first I --images 1} replays image I; and the oracle must stay
 * strict: anything but a typed exception with a message, or a store that opens and is consistent,
 * is a failure, and so is a repair that changes a file the damage did not reach. ImageFuzzer's
 * header states the oracle; docs/TESTING.md, "Image fuzzing".
 */
package org.daxstore.harness.exercise.fuzz;
