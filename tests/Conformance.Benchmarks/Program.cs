using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Conformance.Benchmarks.JudgeBenchmarks).Assembly).Run(args);
