// Memory limit exceeded: asks for one 1 GiB array, 4x the 256 MiB heap given by -Xmx. The JVM refuses it at once
// (OutOfMemoryError), where filling the heap chunk by chunk would spend the time limit on garbage collections first.
fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    val block = ByteArray(1 shl 30)
    block[block.size - 1] = 1
    println(a + b + block[0])
}
