using KvmSharp.Cli;

return KvmgenCommand.Run(args, Console.Out, Console.Error);
