// Wrong answer: int has 32 bits and C# does not check overflow by default: 2000000000 + 2000000000 wraps.
using System;

class Sum
{
    static void Main()
    {
        string[] words = Console.ReadLine().Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
        Console.WriteLine(int.Parse(words[0]) + int.Parse(words[1]));
    }
}
