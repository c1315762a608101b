/**
 * Measuring a server from outside: run it in its own JVM ({@link dev.weft.bench.proc.ServerProcess})
 * and read its CPU time ({@link dev.weft.bench.proc.ProcStat}, {@link dev.weft.bench.proc.CpuSample})
 * and memory ({@link dev.weft.bench.proc.ProcStatus}) from {@code /proc}. CPU time per message
 * is the comparison's main figure because the load generator shares the machine's cores, so
 * throughput alone would credit a server for the CPU it leaves to the generator.
 */
package dev.weft.bench.proc;
