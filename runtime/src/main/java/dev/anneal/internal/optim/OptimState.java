package dev.anneal.internal.optim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Internal, not API. The binary form of an optimizer's state: magic {@code "anOS"}, version, the
 * fingerprint text (declaration, element type, array lengths), the step count, then for each of the
 * three moment slots a presence byte and its arrays (length-prefixed, raw IEEE bits), and a CRC-32
 * of everything before it. Reading parses and checks the whole stream before copying.
 */
public final class OptimState {
  private static final int MAGIC = 0x616e4f53; // "anOS"
  private static final int VERSION = 1;

  private OptimState() {}

  /** Writes the state. {@code fs} or {@code ds} holds the slots (the other is all null). */
  public static void write(
      OutputStream out, String fingerprint, long steps, float[][][] fs, double[][][] ds)
      throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(buf);
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeUTF(fingerprint);
    d.writeLong(steps);
    d.writeInt(fs.length);
    for (int s = 0; s < fs.length; s++) {
      if (fs[s] != null) {
        d.writeByte(1);
        d.writeInt(fs[s].length);
        for (float[] a : fs[s]) {
          d.writeInt(a.length);
          for (float v : a) {
            d.writeInt(Float.floatToRawIntBits(v));
          }
        }
      } else if (ds[s] != null) {
        d.writeByte(2);
        d.writeInt(ds[s].length);
        for (double[] a : ds[s]) {
          d.writeInt(a.length);
          for (double v : a) {
            d.writeLong(Double.doubleToRawLongBits(v));
          }
        }
      } else {
        d.writeByte(0);
      }
    }
    d.flush();
    CRC32 crc = new CRC32();
    byte[] body = buf.toByteArray();
    crc.update(body);
    out.write(body);
    new DataOutputStream(out).writeLong(crc.getValue());
    out.flush();
  }

  /**
   * Reads a state into {@code fs} / {@code ds} (same shapes as written) and returns its step count;
   * throws before changing anything if the stream does not match.
   */
  public static long read(InputStream in, String fingerprint, float[][][] fs, double[][][] ds)
      throws IOException {
    if (in == null) {
      throw new IllegalArgumentException("the state stream is null");
    }
    byte[] all = in.readAllBytes();
    if (all.length < 16) {
      throw garbled("it is " + all.length + " bytes long");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - 8);
    long stored = 0;
    for (int i = all.length - 8; i < all.length; i++) {
      stored = stored << 8 | (all[i] & 0xff);
    }
    DataInputStream d = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
    try {
      if (d.readInt() != MAGIC) {
        throw garbled("it does not start with an optimizer state's magic number");
      }
      int version = d.readInt();
      if (version != VERSION) {
        throw garbled("its version is " + version + ", this runtime reads version " + VERSION);
      }
      if (stored != crc.getValue()) {
        throw garbled("its checksum does not match its contents");
      }
      String written = d.readUTF();
      if (!written.equals(fingerprint)) {
        throw new IllegalArgumentException(
            "optimizer state written by "
                + written
                + " cannot be restored into "
                + fingerprint
                + "; nothing was changed");
      }
      long steps = d.readLong();
      if (steps < 0) {
        throw garbled("its step count is " + steps);
      }
      int slots = d.readInt();
      if (slots != fs.length) {
        throw garbled("it has " + slots + " moment slots, expected " + fs.length);
      }
      Object[] read = new Object[slots];
      for (int s = 0; s < slots; s++) {
        int type = d.readByte();
        int expectType = fs[s] != null ? 1 : ds[s] != null ? 2 : 0;
        if (type != expectType) {
          throw garbled("moment slot " + s + " has type " + type + ", expected " + expectType);
        }
        if (type == 0) {
          continue;
        }
        int n = d.readInt();
        int expectN = type == 1 ? fs[s].length : ds[s].length;
        if (n != expectN) {
          throw garbled("moment slot " + s + " has " + n + " arrays, expected " + expectN);
        }
        if (type == 1) {
          float[][] arrays = new float[n][];
          for (int i = 0; i < n; i++) {
            arrays[i] = new float[checkLength(d.readInt(), fs[s][i].length, s, i)];
            for (int j = 0; j < arrays[i].length; j++) {
              arrays[i][j] = Float.intBitsToFloat(d.readInt());
            }
          }
          read[s] = arrays;
        } else {
          double[][] arrays = new double[n][];
          for (int i = 0; i < n; i++) {
            arrays[i] = new double[checkLength(d.readInt(), ds[s][i].length, s, i)];
            for (int j = 0; j < arrays[i].length; j++) {
              arrays[i][j] = Double.longBitsToDouble(d.readLong());
            }
          }
          read[s] = arrays;
        }
      }
      if (d.available() != 0) {
        throw garbled(d.available() + " bytes follow the last moment");
      }
      for (int s = 0; s < slots; s++) {
        if (read[s] instanceof float[][]) {
          float[][] r = (float[][]) read[s];
          for (int i = 0; i < r.length; i++) {
            System.arraycopy(r[i], 0, fs[s][i], 0, r[i].length);
          }
        } else if (read[s] instanceof double[][]) {
          double[][] r = (double[][]) read[s];
          for (int i = 0; i < r.length; i++) {
            System.arraycopy(r[i], 0, ds[s][i], 0, r[i].length);
          }
        }
      }
      return steps;
    } catch (EOFException e) {
      throw garbled("it ends early");
    } catch (java.io.UTFDataFormatException e) {
      throw garbled("its fingerprint is not valid text");
    }
  }

  private static int checkLength(int n, int expected, int slot, int i) {
    if (n != expected) {
      throw garbled(
          "array " + i + " of moment slot " + slot + " has length " + n + ", expected " + expected);
    }
    return n;
  }

  private static IllegalArgumentException garbled(String why) {
    return new IllegalArgumentException(
        "not a valid optimizer state: " + why + "; nothing was changed");
  }
}
