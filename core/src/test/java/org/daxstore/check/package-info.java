/**
 * The tests of the format's rules, the online checker, the offline fsck and its repair: a closed
 * container damaged in its file ({@code ImageFile}) must be reported with the exit status and a
 * finding that names where ({@code FsckTest}), repaired so that it checks clean and keeps every
 * file the damage did not reach ({@code RepairTest}, {@code MapHeightRepairTest},
 * {@code RepairStorageTest}), and judged alike by open and by fsck
 * ({@code OpenFsckAgreementTest}). docs/TESTING.md, "The format's rules", has the rows.
 */
package org.daxstore.check;
