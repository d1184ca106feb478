using BenchmarkDotNet.Running;

if (args is ["live", .. var rest])
{
    return Conformance.Benchmarks.LiveThroughput.Run(rest);
}

if (args is ["serve", .. var serveArgs])
{
    return Conformance.Benchmarks.ReplayServer.Run(serveArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Conformance.Benchmarks.JudgeBenchmarks).Assembly).Run(args);
return 0;
