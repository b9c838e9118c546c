/**
 * The tests of files' metadata against damage that used to get past the checks of inode records
 * and block maps ({@code DamagedRecordsAndMapsTest}), and of freed storage returned to the file
 * system after the metadata lock and outside every seqtex write section, no block handed out
 * again while its storage is punched ({@code FreedStorageTest}).
 */
package org.daxstore.fs;
