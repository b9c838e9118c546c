/**
 * The tests of the layout, whose parameters come from a superblock that may hold anything its
 * checksum covers: every region of an accepted layout lies inside the container, the minimum
 * capacity is the smallest that formats, and a journal larger than the container is refused.
 */
package org.daxstore.format;
