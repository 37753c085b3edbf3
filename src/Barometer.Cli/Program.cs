Console.WriteLine("barometer");
