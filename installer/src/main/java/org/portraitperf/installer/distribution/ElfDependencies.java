package org.portraitperf.installer.distribution;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a 64-bit ELF file (a shared library or an executable) needs from the system it runs on: the
 * libraries it names ({@code DT_NEEDED}), the symbol versions it asks of each (e.g.
 * {@code GLIBC_2.34} of {@code libc.so.6}), and the name it is itself known by ({@code DT_SONAME}).
 * Read from the section headers, as {@code readelf -d -V} shows them.
 *
 * @param name the file's name, for messages
 * @param soname the name other files load it by, or the file name when it declares none
 */
public record ElfDependencies(String name, String soname, List<String> needed, Map<String, Set<String>> versions) {
  private static final int SHT_DYNAMIC = 6;
  private static final int SHT_GNU_VERNEED = 0x6ffffffe;
  private static final long DT_NULL = 0;
  private static final long DT_NEEDED = 1;
  private static final long DT_SONAME = 14;

  /** Whether the bytes start like an ELF file. */
  public static boolean isElf(byte[] head) {
    return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /**
   * The file's dependencies, or empty when it is not a 64-bit little-endian ELF file (the only kind
   * the supported platforms run).
   *
   * @throws IllegalArgumentException when it claims to be one but its headers point outside it
   */
  public static Optional<ElfDependencies> read(String name, byte[] bytes) {
    if (!isElf(bytes) || bytes.length < 64 || bytes[4] != 2 || bytes[5] != 1) {
      return Optional.empty();
    }
    ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      long sectionTable = elf.getLong(0x28);
      int entrySize = Short.toUnsignedInt(elf.getShort(0x3A));
      int sections = Short.toUnsignedInt(elf.getShort(0x3C));
      List<String> needed = new ArrayList<>();
      String soname = name;
      Map<String, Set<String>> versions = new TreeMap<>();
      for (int i = 0; i < sections; i++) {
        int header = Math.toIntExact(sectionTable + (long) i * entrySize);
        int type = elf.getInt(header + 4);
        int offset = Math.toIntExact(elf.getLong(header + 0x18));
        int size = Math.toIntExact(elf.getLong(header + 0x20));
        int strings = stringTable(elf, sectionTable, entrySize, elf.getInt(header + 0x28));
        if (type == SHT_DYNAMIC) {
          for (int entry = offset; entry + 16 <= offset + size; entry += 16) {
            long tag = elf.getLong(entry);
            if (tag == DT_NULL) {
              break;
            }
            if (tag == DT_NEEDED) {
              needed.add(string(bytes, strings + Math.toIntExact(elf.getLong(entry + 8))));
            } else if (tag == DT_SONAME) {
              soname = string(bytes, strings + Math.toIntExact(elf.getLong(entry + 8)));
            }
          }
        } else if (type == SHT_GNU_VERNEED) {
          readVersionNeeds(elf, bytes, offset, elf.getInt(header + 0x2C), strings, versions);
        }
      }
      return Optional.of(new ElfDependencies(name, soname, List.copyOf(needed), versions));
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      throw new IllegalArgumentException(name + ": damaged ELF headers (" + e.getMessage() + ")", e);
    }
  }

  /** Verneed entries: per library, a chain of auxiliary entries naming the versions wanted. */
  private static void readVersionNeeds(ByteBuffer elf, byte[] bytes, int offset, int count, int strings,
      Map<String, Set<String>> versions) {
    int entry = offset;
    for (int n = 0; n < count; n++) {
      int auxCount = Short.toUnsignedInt(elf.getShort(entry + 2));
      String library = string(bytes, strings + elf.getInt(entry + 4));
      Set<String> wanted = versions.computeIfAbsent(library, k -> new TreeSet<>());
      int aux = entry + elf.getInt(entry + 8);
      for (int a = 0; a < auxCount; a++) {
        wanted.add(string(bytes, strings + elf.getInt(aux + 8)));
        aux += elf.getInt(aux + 12);
      }
      int next = elf.getInt(entry + 12);
      if (next == 0) {
        break;
      }
      entry += next;
    }
  }

  private static int stringTable(ByteBuffer elf, long sectionTable, int entrySize, int index) {
    int header = Math.toIntExact(sectionTable + (long) index * entrySize);
    return Math.toIntExact(elf.getLong(header + 0x18));
  }

  private static String string(byte[] bytes, int start) {
    int end = start;
    while (bytes[end] != 0) {
      end++;
    }
    return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
  }

  /** The newest version of the given family this file asks for, e.g. {@code 2.34} for {@code GLIBC_}. */
  public Optional<String> newest(String family) {
    return versions.values().stream().flatMap(Set::stream)
        .filter(v -> v.startsWith(family))
        .map(v -> v.substring(family.length()))
        .filter(v -> !v.isEmpty() && Character.isDigit(v.charAt(0)))
        .max(VersionNumbers::compare);
  }
}
