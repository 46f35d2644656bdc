System.Console.WriteLine(MicroVm.Kvm.KvmHeaderInfo.Files.Count);
