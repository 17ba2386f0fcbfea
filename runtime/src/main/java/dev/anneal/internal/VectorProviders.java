package dev.anneal.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal, not API. Loads the Vector API implementations of the runtime's kernels (the fills'
 * {@code VectorKernels}, the clips' {@code VectorClip}, the optimizers' {@code VectorOptim}), as
 * Lucene's {@code VectorizationProvider} does: a provider class is touched only when {@code
 * jdk.incubator.vector} is in the boot layer, so the runtime links and runs without it; any failure
 * means the scalar path, said once in the log.
 *
 * <p>System property {@code anneal.vector}: {@code false} never loads them; {@code true} loads them
 * even where they are not known to be fast (without C2, off x86-64).
 */
public final class VectorProviders {
  private static final String MODULE = "jdk.incubator.vector";
  private static final String MODE = System.getProperty("anneal.vector", "auto").trim();
  private static final AtomicBoolean TOLD_MISSING = new AtomicBoolean();

  private VectorProviders() {}

  /** Whether {@code -Danneal.vector=false} turned the vector kernels off. */
  public static boolean disabled() {
    return "false".equalsIgnoreCase(MODE);
  }

  /**
   * The provider {@code className} (a public class with a no-argument constructor, implementing
   * {@code type}), or {@code null} when the vector path is not used.
   */
  public static <T> T load(String className, Class<T> type) {
    if (disabled()) {
      return null;
    }
    System.Logger log = System.getLogger("dev.anneal");
    Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
    if (module.isEmpty()) {
      if (TOLD_MISSING.compareAndSet(false, true)) {
        log.log(
            Level.INFO,
            "anneal: fills over delayed groups or per-row steps, gradient clipping and optimizers"
                + " run scalar loops because module "
                + MODULE
                + " is not loaded; run java with --add-modules "
                + MODULE
                + " to use the Vector API kernels (-Danneal.vector=false silences this)");
      }
      return null;
    }
    String slow = "true".equalsIgnoreCase(MODE) ? null : slowReason();
    if (slow != null) {
      log.log(
          Level.INFO,
          "anneal: Vector API kernels not used: " + slow + " (-Danneal.vector=true forces them)");
      return null;
    }
    try {
      VectorProviders.class.getModule().addReads(module.get());
      Class<?> c = Class.forName(className, true, VectorProviders.class.getClassLoader());
      return type.cast(c.getDeclaredConstructor().newInstance());
    } catch (InvocationTargetException e) {
      log.log(Level.INFO, "anneal: Vector API kernels not used: " + e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.log(Level.INFO, "anneal: Vector API kernels not used: " + e);
    }
    return null;
  }

  /**
   * Why vector code would be slower than scalar loops on this JVM, or {@code null}: without C2 the
   * Vector API runs lane by lane and allocates, and {@code COS}/{@code EXP} are vector instructions
   * (SVML) only on x86-64.
   */
  private static String slowReason() {
    String info = System.getProperty("java.vm.info", "");
    if (info.contains("interpreted") || info.contains("emulated-client")) {
      return "C2 is not enabled (" + info + ")";
    }
    String arch = System.getProperty("os.arch", "");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return "vector math is not accelerated on " + arch;
    }
    return null;
  }
}
