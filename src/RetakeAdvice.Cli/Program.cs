using RetakeAdvice.Cli;

return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error, Console.OpenStandardInput(), Console.OpenStandardOutput()).ConfigureAwait(false);
