// Compile error: a String where a Long is expected.
object Sum {
  def main(args: Array[String]): Unit = {
    val a: Long = "3"
    println(a)
  }
}
